ln -s lines.txt lnk; find . -type l
