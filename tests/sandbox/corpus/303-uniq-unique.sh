uniq -u dup.txt
