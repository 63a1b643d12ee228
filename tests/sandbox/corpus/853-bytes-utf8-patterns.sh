printf "\303\251t\303\251\n" > f
grep -c "\303\251" f
sed "s/\303\251/e/g" f
awk "{gsub(/\303\251/, \"E\"); print}" f
ls f; cat f | head -c 3 | od -An -tx1
