for p in "b a" "a b"; do set -- $p; if [ "$1" \< "$2" ]; then echo "$1 before $2"; else echo "$2 before $1"; fi; done
