gzip -c nums.txt > a.gz; gzip -c lines.txt > b.gz; zcat a.gz b.gz | wc -l
