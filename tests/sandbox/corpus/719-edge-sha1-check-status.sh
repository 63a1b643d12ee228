sha1sum lines.txt > s; sha1sum -c -s s; echo $?
