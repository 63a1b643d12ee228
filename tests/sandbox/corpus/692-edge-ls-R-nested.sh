ls -R dir/sub
