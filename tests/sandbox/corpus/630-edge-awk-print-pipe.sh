awk '{ print $1 | "sort -r" }' nums.txt
