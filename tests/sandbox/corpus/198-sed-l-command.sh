printf "tab\there\n" | sed -n l
