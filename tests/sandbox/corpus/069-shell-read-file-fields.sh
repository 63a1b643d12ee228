while IFS=, read name age city; do echo "$name is $age"; done < data.csv
