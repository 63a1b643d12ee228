touch -d "2020-02-03 04:05:06" dated.txt
stat -c "%Y" dated.txt
date -r dated.txt "+%F %T"
