awk -F'\t' 'NR>1 {sum += $3} END {print sum}' table.txt
