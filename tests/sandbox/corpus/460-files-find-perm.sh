chmod 755 nums.txt
find . -maxdepth 1 -perm -100 -type f
