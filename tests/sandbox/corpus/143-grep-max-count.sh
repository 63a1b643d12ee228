grep -m2 a lines.txt
