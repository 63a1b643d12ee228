sed -n "/a/,/e/{/e/p}" lines.txt
