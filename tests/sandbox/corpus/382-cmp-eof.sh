head -3 lines.txt > short.txt; cmp lines.txt short.txt; echo $?
