seq -w -1 1
seq -s: 2 4
