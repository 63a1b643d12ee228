mv nums.txt numbers.txt
ls *.txt
