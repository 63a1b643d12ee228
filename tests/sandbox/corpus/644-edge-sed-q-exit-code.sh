sed "2q5" lines.txt; echo status=$?
