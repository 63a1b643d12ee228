awk '{print > "out_" NR%2 ".txt"}' nums.txt; cat out_0.txt; cat out_1.txt
