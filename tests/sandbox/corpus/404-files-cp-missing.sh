cp nosuch.txt x; echo status=$?
