awk '/ERROR/ {print $3, $4}' log.txt
