printf "xa2\nyb1\nzc3\n" | sort -k1.3
