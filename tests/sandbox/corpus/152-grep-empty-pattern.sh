grep "" nums.txt | wc -l
