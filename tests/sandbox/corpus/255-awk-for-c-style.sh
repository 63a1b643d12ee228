awk 'BEGIN { for (i = 3; i > 0; i--) printf "%d ", i; print "" }'
