paste nums.txt lines.txt | head -3
