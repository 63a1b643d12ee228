wc -L words.txt
wc -m words.txt
