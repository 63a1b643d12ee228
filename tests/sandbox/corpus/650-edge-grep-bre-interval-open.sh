echo "aaaa" | grep -o "a\{2,\}"
