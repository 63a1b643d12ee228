ln -s lines.txt sym
readlink sym
cat sym | head -1
[ -L sym ] && echo is-link
