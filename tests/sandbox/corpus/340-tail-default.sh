seq 1 20 | tail
