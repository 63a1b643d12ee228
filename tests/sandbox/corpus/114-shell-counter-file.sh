for i in 1 2 3; do echo $i >> counts.txt; done
wc -l < counts.txt
tail -1 counts.txt
