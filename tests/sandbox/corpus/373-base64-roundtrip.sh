base64 data.csv | base64 -d | cmp - data.csv && echo same
