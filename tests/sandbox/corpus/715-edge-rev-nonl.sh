rev nonl.txt; echo
