sort -t "$(printf "\t")" -k3,3n table.txt
