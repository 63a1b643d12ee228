paste -s nums.txt
paste -s -d, nums.txt
