sort dup.txt | uniq -c | sort -rn
