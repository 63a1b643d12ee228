echo "john smith" | sed "s/\([a-z]*\) \([a-z]*\)/\2, \1/"
