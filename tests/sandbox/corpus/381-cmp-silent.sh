cmp -s lines.txt nums.txt; echo $?
