rm -f nosuch.txt; echo status=$?
rm nosuch.txt; echo status=$?
