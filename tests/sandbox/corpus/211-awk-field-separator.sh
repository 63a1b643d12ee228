awk -F, "{print \$2}" data.csv
