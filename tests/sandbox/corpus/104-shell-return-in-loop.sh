find_first() { for x in "$@"; do [ "$x" -gt 10 ] && { echo $x; return 0; }; done; return 1; }
find_first 3 15 20
find_first 1 2 || echo none
