awk '$1 < "c"' lines.txt
