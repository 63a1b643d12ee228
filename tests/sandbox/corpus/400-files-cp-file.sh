cp lines.txt copy.txt
cmp lines.txt copy.txt && echo same
