echo "a.b.c" | sed "s/[.]/_/g"
