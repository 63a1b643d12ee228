awk '{ if ($1 > 10) print $1, "big"; else print $1, "small" }' nums.txt
