awk 'NR == 1 { getline; print "after getline:", $0 }' lines.txt
