awk -F, 'NR > 1 && $2 >= 30 {print $2, $1}' data.csv | sort -rn
