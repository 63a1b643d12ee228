head -c 10 lines.txt; echo
