chmod 600 nums.txt; tar cf a.tar nums.txt; mkdir o; tar xf a.tar -C o; stat -c %a o/nums.txt
