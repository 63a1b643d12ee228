stat -c "%a %U %G %s" nums.txt
