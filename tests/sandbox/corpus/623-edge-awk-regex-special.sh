printf 'a.b\naxb\n' | awk '/a\.b/'
