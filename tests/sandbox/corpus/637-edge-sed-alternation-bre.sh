echo "cat dog" | sed "s/cat\|dog/pet/g"
