awk 'BEGIN { ORS = ";" } { print $1 }' nums.txt; echo
