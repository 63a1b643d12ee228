awk -F, '$3 == "paris" { print $1 }' data.csv
