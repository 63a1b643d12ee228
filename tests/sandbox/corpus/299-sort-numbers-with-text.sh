printf "10 apples\n9 pears\n100 plums\n" | sort -n
