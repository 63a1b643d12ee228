sed "bfoo" lines.txt; echo status=$?
