echo "a1b2c3" | tr "0-9" "#"
