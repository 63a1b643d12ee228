sed -n "s/ta/TA/p" lines.txt
