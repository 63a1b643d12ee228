printf "1\n2\n" | sed -n "h;n;G;p"
