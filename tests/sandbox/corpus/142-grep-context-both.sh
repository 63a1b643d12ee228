seq 1 20 > n.txt; grep -C1 -e 5 -e 15 n.txt
