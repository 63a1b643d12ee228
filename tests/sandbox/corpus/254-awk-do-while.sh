awk 'BEGIN { i = 0; do { i++ } while (i < 3); print i }'
