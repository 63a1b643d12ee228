ln -s lines.txt s
[ -h s ] && echo symlink
[ -x lines.txt ] || echo not-exec
chmod +x lines.txt; [ -x lines.txt ] && echo exec
[ lines.txt -nt nosuch ] && echo newer
