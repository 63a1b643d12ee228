find dir -name "*.log" -delete
find dir | sort
