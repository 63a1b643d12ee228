awk -F, '$2 > 28 {print $1}' data.csv
