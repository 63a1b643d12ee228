echo "abc" | sed "s/x*/-/g"
