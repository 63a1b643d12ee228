head -n -5 lines.txt
