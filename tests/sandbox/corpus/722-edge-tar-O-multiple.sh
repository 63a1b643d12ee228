tar cf a.tar nums.txt lines.txt; tar xOf a.tar | wc -l
