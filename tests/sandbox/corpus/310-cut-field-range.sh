cut -d, -f2- data.csv
