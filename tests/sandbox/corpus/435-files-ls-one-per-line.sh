ls -1 dir/sub
