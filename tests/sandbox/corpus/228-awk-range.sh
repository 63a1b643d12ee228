awk '/beta/,/delta/' lines.txt
