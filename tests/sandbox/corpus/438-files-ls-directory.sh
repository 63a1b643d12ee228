ls -d dir dir/sub
