printf "a\nb\n" | cat -e
