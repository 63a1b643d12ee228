wc lines.txt
