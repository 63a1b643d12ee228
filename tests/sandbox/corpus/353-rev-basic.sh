rev lines.txt | head -3
