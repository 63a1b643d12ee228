tac nums.txt
