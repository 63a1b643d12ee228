tar cf a.tar dir
mkdir out
tar xf a.tar -C out
find out | sort
cat out/dir/sub/c.txt
