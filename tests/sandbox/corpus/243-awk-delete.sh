awk 'BEGIN { a[1]; a[2]; delete a[1]; for (k in a) print k; delete a; print length(a) }'
