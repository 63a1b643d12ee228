head -q -n 1 lines.txt nums.txt
