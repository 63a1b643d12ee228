printf "\101\102\n"
printf "%b\n" "\0101"
