find dir -name "*.txt" -print0 | tr "\0" "\n" | sort
