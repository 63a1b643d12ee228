mv nums.txt lines.txt
cat lines.txt | head -2
