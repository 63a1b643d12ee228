echo dir/?.txt
