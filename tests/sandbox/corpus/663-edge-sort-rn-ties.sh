printf "1 b\n2 a\n1 a\n" | sort -rn
