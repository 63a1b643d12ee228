awk 'BEGIN { print x + 0, "[" x "]", length(x) }'
