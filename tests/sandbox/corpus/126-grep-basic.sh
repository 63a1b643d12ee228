grep a lines.txt
