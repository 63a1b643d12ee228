tar cvf a.tar dir/sub 2>&1 | sort
