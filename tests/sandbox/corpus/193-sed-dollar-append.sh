sed "\$a\\
the end" nums.txt
