echo hello | tee t1.txt t2.txt
cat t1.txt t2.txt
