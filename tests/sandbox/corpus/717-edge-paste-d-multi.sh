paste -d ":," nums.txt lines.txt nums.txt | head -2
