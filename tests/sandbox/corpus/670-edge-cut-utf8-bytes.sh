printf "h\303\251llo\n" | cut -b1-3 | od -An -c
