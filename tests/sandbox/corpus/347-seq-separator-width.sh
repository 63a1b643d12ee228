seq -s " " 5
seq -w 7 11
