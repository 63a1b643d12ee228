sed "0,/a/s/a/X/" lines.txt | head -2
