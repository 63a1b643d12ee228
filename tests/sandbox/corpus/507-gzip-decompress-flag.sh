gzip -c words.txt > w.gz; gzip -d w.gz; cat w
