awk 'function sq(n) { return n*n } BEGIN { for (i=1; i<=4; i++) printf "%d ", sq(i); print "" }'
