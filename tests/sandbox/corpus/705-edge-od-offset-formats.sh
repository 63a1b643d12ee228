printf "abcdefghijklmnopqrstuvwxyz" | od -Ad -c | head -2
printf "ab" | od -Ax -tx2
