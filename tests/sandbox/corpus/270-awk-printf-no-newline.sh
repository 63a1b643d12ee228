awk '{ printf "%s ", $1 }' nums.txt; echo
