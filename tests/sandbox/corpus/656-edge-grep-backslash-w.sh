echo "foo_bar baz" | grep -o "\w*"
