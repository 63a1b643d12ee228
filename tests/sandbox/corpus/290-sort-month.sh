printf "Mar\nJan\nDec\nFeb\n" | sort -M
