awk -F, 'NR>1 {print $1 "@" $3}' data.csv
