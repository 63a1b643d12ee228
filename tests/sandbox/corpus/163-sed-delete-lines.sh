sed "2,4d" lines.txt
