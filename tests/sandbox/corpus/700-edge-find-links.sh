find dir -type d -links 2 | sort
