grep -c a lines.txt nosuch.txt; echo $?
