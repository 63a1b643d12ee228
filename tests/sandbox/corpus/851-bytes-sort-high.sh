printf "\303\251\nz\na\nZ\n\303\240\n" | sort | od -An -c
printf "\303\251\nz\na\n" | sort -r | head -1 | od -An -c
