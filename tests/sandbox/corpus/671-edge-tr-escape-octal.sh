echo "a b" | tr " " "\012"
