ls nosuchfile lines.txt > all.txt 2>&1; cat all.txt
