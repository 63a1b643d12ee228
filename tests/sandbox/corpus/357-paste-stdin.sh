seq 6 | paste - - -
