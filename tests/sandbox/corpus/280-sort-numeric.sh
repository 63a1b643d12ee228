sort -n nums.txt
sort -rn nums.txt
