grep -B1 ERROR log.txt
