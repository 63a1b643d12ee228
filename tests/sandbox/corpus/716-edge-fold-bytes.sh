echo "aaaaaaaaaa" | fold -w 3
