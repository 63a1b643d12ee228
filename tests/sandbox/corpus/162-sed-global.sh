sed "s/a/A/g" lines.txt
