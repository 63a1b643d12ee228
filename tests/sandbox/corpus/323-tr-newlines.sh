tr "\n" " " < nums.txt; echo
