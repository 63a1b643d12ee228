find dir/sub lines.txt -type f | sort
