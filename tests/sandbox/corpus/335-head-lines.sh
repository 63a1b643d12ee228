head -n 3 lines.txt
head -2 nums.txt
