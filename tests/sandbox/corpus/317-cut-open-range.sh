cut -c-2 lines.txt | head -3
cut -c5- lines.txt | head -3
