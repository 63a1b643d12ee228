tail -n 1 nonl.txt; echo "|"
