ls dir dir/sub
