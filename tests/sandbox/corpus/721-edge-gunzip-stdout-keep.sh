gzip -c lines.txt > l.gz; gunzip -c l.gz | head -2; ls l.gz
