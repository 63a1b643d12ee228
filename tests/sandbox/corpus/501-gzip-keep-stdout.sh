gzip -c nums.txt > n.gz
ls nums.txt n.gz
zcat n.gz
