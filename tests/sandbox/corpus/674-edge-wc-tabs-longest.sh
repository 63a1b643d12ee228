printf "a\tb\n" | wc -L
