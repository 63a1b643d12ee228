sed "s/a/1/;s/e/2/" lines.txt
