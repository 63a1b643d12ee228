find dir -mindepth 2 | sort
