echo "city,count,avg_age"
tail -n +2 data.csv | awk -F, '{n[$3]++; s[$3]+=$2} END {for (c in n) printf "%s,%d,%.1f\n", c, n[c], s[c]/n[c]}' | sort
