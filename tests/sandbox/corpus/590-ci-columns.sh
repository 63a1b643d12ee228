awk -F, 'NR>1{print $1, $2}' data.csv | while read n a; do printf "%-8s %3d\n" "$n" "$a"; done
