echo "a,b c -- d" | wc -w
