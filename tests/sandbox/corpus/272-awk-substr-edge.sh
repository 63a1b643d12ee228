awk 'BEGIN { print substr("hello", 2), substr("hello", 10), substr("hello", 2, 100) }'
