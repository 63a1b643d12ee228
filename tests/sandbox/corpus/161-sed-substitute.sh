sed "s/a/A/" lines.txt
