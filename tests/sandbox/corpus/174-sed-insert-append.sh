sed "2i\\
inserted" lines.txt | head -4
sed "1a appended" lines.txt | head -3
