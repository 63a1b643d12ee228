awk '{ print ($1 % 2 == 0) ? "even" : "odd" }' nums.txt
