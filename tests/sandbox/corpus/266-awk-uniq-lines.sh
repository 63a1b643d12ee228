awk '!seen[$0]++' dup.txt
