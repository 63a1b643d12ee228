wc -l < lines.txt
cat words.txt | wc -w
wc -c < nonl.txt
