seq 1 20 | head
