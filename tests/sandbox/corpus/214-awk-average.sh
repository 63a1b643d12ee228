awk '{s+=$1; n++} END {printf "%.2f\n", s/n}' nums.txt
