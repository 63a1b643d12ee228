find . -type d | sort
find dir -type f | sort
