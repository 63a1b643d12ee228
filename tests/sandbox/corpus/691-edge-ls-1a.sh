ls -1a dir/sub
