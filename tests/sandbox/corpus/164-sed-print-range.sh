sed -n "3,5p" lines.txt
