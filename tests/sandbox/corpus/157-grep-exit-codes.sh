grep -q x empty.txt; echo $?
grep -q "[" lines.txt 2>/dev/null; echo $?
