tar cf - dir | (mkdir unpacked && cd unpacked && tar xf -)
find unpacked -type f | sort
diff -r dir unpacked/dir && echo identical
