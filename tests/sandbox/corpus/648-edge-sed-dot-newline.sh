printf "a\nb\n" | sed "N;s/a.b/joined/"
