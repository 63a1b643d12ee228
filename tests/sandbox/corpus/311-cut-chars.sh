cut -c1-3 lines.txt
