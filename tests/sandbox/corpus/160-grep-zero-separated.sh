printf "a\0b\0" | grep -z b | tr "\0" "\n"
