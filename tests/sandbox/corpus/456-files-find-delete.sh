find dir -name "*.log" -exec rm {} \;
find dir | sort
