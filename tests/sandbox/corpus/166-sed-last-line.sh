sed -n "\$p" lines.txt
sed "\$d" lines.txt | tail -1
