wc nosuch.txt lines.txt; echo $?
