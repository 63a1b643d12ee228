mv lines.txt nums.txt words.txt; echo status=$?
