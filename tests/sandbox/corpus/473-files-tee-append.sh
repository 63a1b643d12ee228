echo one > t.txt; echo two | tee -a t.txt > /dev/null; cat t.txt
