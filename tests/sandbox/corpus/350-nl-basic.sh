nl lines.txt | head -3
