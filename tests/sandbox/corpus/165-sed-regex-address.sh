sed -n "/^e/p" lines.txt
sed "/a$/d" lines.txt
