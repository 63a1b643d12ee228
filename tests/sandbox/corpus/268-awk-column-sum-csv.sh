awk -F, 'NR > 1 { total += $2 } END { print "total age:", total }' data.csv
