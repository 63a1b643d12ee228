seq 1 7 | xargs -n 3 echo
