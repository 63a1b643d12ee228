echo "aaa" | sed "s/^a/X/g"
