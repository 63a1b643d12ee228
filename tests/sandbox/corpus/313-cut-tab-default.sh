cut -f2 table.txt
