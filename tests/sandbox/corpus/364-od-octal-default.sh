printf "hello" | od
