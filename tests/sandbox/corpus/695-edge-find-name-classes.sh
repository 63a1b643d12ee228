find . -name "[a-d]*.txt" | sort
