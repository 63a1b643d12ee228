cmp lines.txt lines.txt && echo same
cmp lines.txt nums.txt; echo status=$?
