printf "ABC\nabc\n" | grep -i "[a-b]c"
