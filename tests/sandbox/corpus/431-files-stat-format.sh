stat -c "%n %s %F" lines.txt dir empty.txt
