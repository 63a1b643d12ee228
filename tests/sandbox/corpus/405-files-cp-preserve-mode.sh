chmod 640 nums.txt
cp -p nums.txt n2.txt
stat -c %a n2.txt
cp nums.txt n3.txt; stat -c %a n3.txt
