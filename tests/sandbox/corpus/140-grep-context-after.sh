grep -A1 WARN log.txt
