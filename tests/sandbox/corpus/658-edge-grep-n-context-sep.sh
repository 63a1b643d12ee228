seq 1 12 | grep -n -A1 -e "^3$" -e "^9$"
