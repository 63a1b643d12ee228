awk -F, 'BEGIN{OFS="-"} {$1=$1; print}' data.csv
