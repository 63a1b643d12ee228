sort -t, -k2 -n data.csv
