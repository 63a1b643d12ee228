find dir/sub/deep -depth
