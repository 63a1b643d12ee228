awk 'BEGIN { printf "%s %s %d\n", 0.1, 1e6, "12abc" }'
