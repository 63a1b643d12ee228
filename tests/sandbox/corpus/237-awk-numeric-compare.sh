awk '$1 > 9' nums.txt
