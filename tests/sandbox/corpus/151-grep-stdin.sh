cat lines.txt | grep -n eta
