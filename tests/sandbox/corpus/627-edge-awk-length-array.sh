awk 'BEGIN { n = split("a b c", arr); print length(arr) }'
