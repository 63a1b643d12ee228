mv nosuch.txt x; echo status=$?
