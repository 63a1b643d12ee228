touch -d "2000-01-01" ancient.txt; find . -name "*.txt" -mtime +1000
