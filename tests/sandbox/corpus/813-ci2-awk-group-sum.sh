awk '{split($1, d, "-"); day = d[3]; c[day]++} END {for (k in c) print k, c[k]}' log.txt | sort
