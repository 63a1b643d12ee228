ln -s lines.txt ln.txt; tar cf a.tar ln.txt; mkdir o; tar xf a.tar -C o; readlink o/ln.txt
