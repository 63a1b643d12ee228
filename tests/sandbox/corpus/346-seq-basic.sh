seq 5
seq 3 6
seq 1 3 10
