awk '{ print v, $0 }' v=1 nums.txt | head -2
