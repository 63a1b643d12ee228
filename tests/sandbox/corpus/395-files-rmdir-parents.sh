mkdir -p p1/p2/p3
rmdir -p p1/p2/p3
[ -e p1 ] || echo removed
