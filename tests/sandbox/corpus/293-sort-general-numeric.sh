printf "1e3\n5\n-2.5\n100\n" | sort -g
