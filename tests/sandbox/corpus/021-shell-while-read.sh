while read line; do echo "> $line"; done < lines.txt
