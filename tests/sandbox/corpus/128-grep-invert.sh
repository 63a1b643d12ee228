grep -v a lines.txt
