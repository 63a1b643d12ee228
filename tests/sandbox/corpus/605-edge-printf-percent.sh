printf "100%%\n"
printf "%s%%\n" 5
