nl -w3 -s": " nums.txt
