printf "a\n\nb\n" | nl -ba
