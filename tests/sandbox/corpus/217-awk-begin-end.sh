awk 'BEGIN {print "start"} {n++} END {print n " lines"}' lines.txt
