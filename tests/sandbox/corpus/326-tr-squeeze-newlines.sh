printf "a\n\n\nb\n" | tr -s "\n"
