tar czf a.tgz dir lines.txt
tar tzf a.tgz | sort
mkdir x; tar xzf a.tgz -C x; cmp lines.txt x/lines.txt && echo same
