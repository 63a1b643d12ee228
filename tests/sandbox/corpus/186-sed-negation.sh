sed -n "/a/!p" lines.txt
