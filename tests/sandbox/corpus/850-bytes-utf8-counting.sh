printf "h\303\251llo w\303\266rld\n" > u.txt
wc -m u.txt; wc -c u.txt; wc -L u.txt; wc -w u.txt
printf "\303\251\n" | wc -w
cut -c1-2 u.txt | od -An -c
rev u.txt | od -An -c
sed "s/./X/g" u.txt
awk "{print length(\$0)}" u.txt
grep -c "h.l" u.txt
