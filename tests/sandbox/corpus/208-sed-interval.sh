echo "aaaaa" | sed "s/a\{2,3\}/X/"
