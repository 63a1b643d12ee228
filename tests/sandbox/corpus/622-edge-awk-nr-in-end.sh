awk 'END { print NR }' lines.txt nums.txt
