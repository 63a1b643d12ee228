head -c 100 lines.txt | base64 | head -2
head -c 100 lines.txt | base64 -w 0; echo
