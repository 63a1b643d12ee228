readlink lines.txt; echo $?; readlink nosuch; echo $?
