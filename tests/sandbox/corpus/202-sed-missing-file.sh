sed p nosuch.txt; echo status=$?
