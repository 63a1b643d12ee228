grep -r ccc dir
grep -rl a dir | sort
