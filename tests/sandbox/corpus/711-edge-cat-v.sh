printf "a\001b\177c\n" | cat -v
