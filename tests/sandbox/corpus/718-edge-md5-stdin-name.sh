cat lines.txt | md5sum; md5sum - < nums.txt
