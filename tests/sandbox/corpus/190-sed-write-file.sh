sed -n "/a$/w out.txt" lines.txt
cat out.txt
