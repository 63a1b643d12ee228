tail -n 2 lines.txt
tail -3 nums.txt
