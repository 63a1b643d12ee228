seq 5 -2 -3
seq 0.5 0.5 2
