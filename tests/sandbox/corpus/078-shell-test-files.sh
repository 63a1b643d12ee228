[ -f lines.txt ] && echo file
[ -d dir ] && echo dir
[ -e nosuch ] || echo missing
[ -s empty.txt ] || echo emptyfile
[ -r lines.txt ] && echo readable
