printf "plain text\n"
printf "%s|\n"
