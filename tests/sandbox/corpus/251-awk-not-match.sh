awk '$0 !~ /a/' lines.txt
