seq 1 5 | xargs -n2 -t echo 2>&1
