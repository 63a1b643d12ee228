grep "[[:digit:]]\{2\}" nums.txt
grep "^[[:upper:]]" words.txt
