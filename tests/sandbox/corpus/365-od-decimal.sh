printf "AB" | od -An -tu1
