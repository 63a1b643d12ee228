sed "k" lines.txt; echo status=$?
