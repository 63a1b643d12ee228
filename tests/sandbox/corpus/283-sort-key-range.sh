sort -t, -k3,3 -k1,1 data.csv
