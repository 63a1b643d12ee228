tar cf a.tar nums.txt
tar xOf a.tar nums.txt
