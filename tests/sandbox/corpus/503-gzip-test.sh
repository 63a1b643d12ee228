gzip -c lines.txt > l.gz; gzip -t l.gz && echo valid
