printf "5\n-3\n0\n-10\n2.5\n" | sort -n
