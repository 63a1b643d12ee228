echo "aaabbbccc   d" | tr -s "a-z "
