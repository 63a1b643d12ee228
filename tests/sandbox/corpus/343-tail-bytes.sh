tail -c 8 lines.txt
