cut -d, -f1 data.csv > names; cut -d, -f3 data.csv > cities
paste -d: names cities
