echo "aaa b" | sed "s/a\+/X/"
