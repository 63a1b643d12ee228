awk -F, 'NR>1 {count[$3]++} END {for (c in count) print c, count[c]}' data.csv | sort
