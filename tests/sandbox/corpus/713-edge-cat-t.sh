printf "a\tb\n" | cat -t
