echo "Hello World 42" | sed "s/[[:upper:]]/U/g;s/[[:digit:]]/D/g"
