awk '{ print $1' lines.txt; echo status=$?
