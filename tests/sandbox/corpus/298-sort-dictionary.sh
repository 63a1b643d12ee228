printf "b-b\na_a\nab\n" | sort -d
