printf "a\n\nb\n" | nl -bn
