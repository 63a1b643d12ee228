awk "{print \$1}" words.txt
