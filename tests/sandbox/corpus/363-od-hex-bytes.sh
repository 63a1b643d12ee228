printf "ABC" | od -An -tx1
