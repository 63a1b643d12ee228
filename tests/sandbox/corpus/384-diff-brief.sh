diff -q lines.txt nums.txt; echo status=$?
