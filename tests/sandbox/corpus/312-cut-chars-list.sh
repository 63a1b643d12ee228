cut -c1,3,5 lines.txt
