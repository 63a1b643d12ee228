printf "b 1\na 1\nc 0\n" | sort -s -k2,2n
