sort -t, -k2,2nr data.csv
