grep a nosuch.txt; echo status=$?
grep -s a nosuch.txt; echo status=$?
