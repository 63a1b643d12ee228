tar cf a.tar dir
mkdir o; cd o; tar xf ../a.tar dir/sub/c.txt; find . | sort
