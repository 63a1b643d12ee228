wc empty.txt
