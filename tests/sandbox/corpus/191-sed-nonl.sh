sed "s/end/END/" nonl.txt; echo "|"
