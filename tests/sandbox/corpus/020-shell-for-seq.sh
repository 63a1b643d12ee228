for i in $(seq 1 5); do printf "%d " $i; done; echo
