find dir -name "*.txt" -exec echo files: {} + | tr " " "\n" | sort
