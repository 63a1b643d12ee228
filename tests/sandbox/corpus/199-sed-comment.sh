sed "# a comment
s/alpha/x/" lines.txt | head -1
