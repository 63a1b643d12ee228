find dir -name "*.txt" -exec cat {} \; | sort
