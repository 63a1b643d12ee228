sort -r lines.txt
