tar cf a.tar dir; mkdir o; tar xf a.tar -C o --strip-components 1; find o | sort
