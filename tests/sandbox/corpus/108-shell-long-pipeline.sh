seq 1 100 | grep 5 | sort -rn | head -3 | tr "\n" " "; echo
