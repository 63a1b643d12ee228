printf "a*b\na+b\n" > s.txt; grep "a\*b" s.txt; grep "a+b" s.txt
