sort -o sorted.txt nums.txt; cat sorted.txt
sort -n -o nums.txt nums.txt; cat nums.txt
