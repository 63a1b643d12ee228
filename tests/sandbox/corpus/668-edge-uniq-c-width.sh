yes a | head -1234 | uniq -c
