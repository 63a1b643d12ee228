uniq -d dup.txt
