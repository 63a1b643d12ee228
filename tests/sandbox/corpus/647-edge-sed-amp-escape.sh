echo "x" | sed "s/x/a\&b/"
