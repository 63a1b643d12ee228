awk 'BEGIN { print "x" > "t.txt"; close("t.txt"); getline l < "t.txt"; print l }'
