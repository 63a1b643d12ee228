(cd dir/sub && ls)
ls -d dir
