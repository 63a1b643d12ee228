grep -vc a lines.txt
