sed "3c\\
changed" lines.txt | head -4
