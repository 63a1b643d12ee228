chmod u=rwx,g=rx,o= lines.txt; stat -c %a lines.txt
chmod 4755 nums.txt; stat -c %A nums.txt
