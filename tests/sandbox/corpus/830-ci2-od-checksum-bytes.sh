printf "ABC" | od -An -tu1 | tr -s " " | sed "s/^ //"
