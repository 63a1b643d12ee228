cat nonl.txt nonl.txt; echo
