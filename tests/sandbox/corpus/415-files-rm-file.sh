rm nums.txt
ls nums.txt 2>&1
