printf "tab\there\nnew\n"
printf "%b\n" "x\ty"
