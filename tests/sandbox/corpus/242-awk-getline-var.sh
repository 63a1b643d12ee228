awk 'BEGIN { while ((getline line < "nums.txt") > 0) n++; print n }'
