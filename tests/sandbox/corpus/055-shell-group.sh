{ echo a; echo b; } > grouped.txt; cat grouped.txt
