tail -c +40 lines.txt
