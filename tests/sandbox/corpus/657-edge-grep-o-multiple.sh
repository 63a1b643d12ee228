echo "a1b22c333" | grep -oE "[0-9]+"
