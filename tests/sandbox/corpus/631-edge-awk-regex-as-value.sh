awk '{ x = /a/; print x }' lines.txt | head -3
