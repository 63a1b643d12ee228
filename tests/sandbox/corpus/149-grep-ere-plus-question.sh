printf "color\ncolour\ncolouur\n" | grep -E "colou?r$"
printf "ab\naab\nb\n" | grep -E "^a+b"
