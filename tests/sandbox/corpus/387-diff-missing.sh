diff nosuch.txt lines.txt; echo status=$?
