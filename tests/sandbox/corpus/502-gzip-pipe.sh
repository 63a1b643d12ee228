cat words.txt | gzip | gunzip
