find dir/sub -depth
