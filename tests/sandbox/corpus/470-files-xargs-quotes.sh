echo "a \"b c\" d" | xargs -n1 echo
