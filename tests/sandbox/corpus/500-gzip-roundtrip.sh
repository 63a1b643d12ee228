gzip lines.txt
ls lines.txt*
gunzip lines.txt.gz
head -2 lines.txt
