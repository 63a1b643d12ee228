tar cf a.tar nums.txt; echo changed > nums.txt; tar xkf a.tar 2>/dev/null; cat nums.txt
