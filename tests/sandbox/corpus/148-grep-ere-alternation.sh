grep -E "INFO|WARN" log.txt | wc -l
