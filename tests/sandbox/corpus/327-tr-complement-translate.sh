echo "hello, world" | tr -c "a-z\n" "_"
