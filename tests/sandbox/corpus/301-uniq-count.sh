uniq -c dup.txt
