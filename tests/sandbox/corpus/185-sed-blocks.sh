sed -n "/beta/,/delta/{s/^/> /;p}" lines.txt
