printf "alpha\nzeta\n" > pats; grep -f pats lines.txt
