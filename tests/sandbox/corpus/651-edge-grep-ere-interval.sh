echo "abbbc" | grep -oE "b{2}"
