awk 'BEGIN { i = 1; while (i < 20) { printf "%d ", i; i *= 2 }; print "" }'
