wc -l lines.txt nums.txt
