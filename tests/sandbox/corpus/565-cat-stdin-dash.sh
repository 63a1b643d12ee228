echo middle | cat nums.txt - nonl.txt; echo
