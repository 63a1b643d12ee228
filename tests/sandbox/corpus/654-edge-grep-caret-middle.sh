printf "a^b\nab\n" | grep "a^b"
