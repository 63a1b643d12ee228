grep -x eta lines.txt
