rm -rf dir nums.txt lines.txt
ls
