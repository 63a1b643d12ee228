printf "caf\303\251\n" | tr -d "\303\251" | od -An -c
printf "abc\n" | tr "abc" "\301\302\303" | od -An -tx1
