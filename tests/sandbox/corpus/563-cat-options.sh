cat -n nums.txt | head -3
cat -b lines.txt | tail -1
printf "a\tb\n" | cat -A
