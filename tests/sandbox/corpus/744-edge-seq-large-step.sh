seq 1 100 1000 | tr "\n" " "; echo
