uniq dup.txt
