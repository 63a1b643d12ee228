printf "b\n\na\n\n" | sort
