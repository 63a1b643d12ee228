sort -u dup.txt
sort -nu nums.txt
