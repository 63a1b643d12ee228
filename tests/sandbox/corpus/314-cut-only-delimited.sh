printf "a:b\nnodelim\n" | cut -d: -f2 -s
