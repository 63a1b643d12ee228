sort nums.txt lines.txt | head -5
