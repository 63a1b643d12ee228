awk -v pat='^[ab]' '$0 ~ pat' lines.txt
