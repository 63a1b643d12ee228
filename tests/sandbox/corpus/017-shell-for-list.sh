for x in one two three; do echo "item $x"; done
