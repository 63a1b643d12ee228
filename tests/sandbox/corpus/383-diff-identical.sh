diff lines.txt lines.txt; echo status=$?
