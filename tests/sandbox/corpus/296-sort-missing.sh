sort nosuch.txt; echo $?
