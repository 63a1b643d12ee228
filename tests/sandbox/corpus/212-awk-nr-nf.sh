awk "{print NR, NF}" words.txt
