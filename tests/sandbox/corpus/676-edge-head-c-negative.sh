head -c -5 lines.txt | tail -c 5 | od -c | head -1
