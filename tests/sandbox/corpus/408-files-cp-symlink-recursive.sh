ln -s lines.txt link.txt
mkdir d2; cp -a link.txt d2/
[ -L d2/link.txt ] && echo kept-link
