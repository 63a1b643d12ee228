sort lines.txt
