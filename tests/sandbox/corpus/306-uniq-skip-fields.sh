printf "1 x\n2 x\n3 y\n" | uniq -f1
