sort -c lines.txt; echo $?
sort lines.txt | sort -c; echo $?
