sed "n;d" lines.txt
