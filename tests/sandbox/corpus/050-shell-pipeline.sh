cat lines.txt | grep a | sort -r | head -3
