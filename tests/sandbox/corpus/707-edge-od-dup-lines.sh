head -c 64 /dev/zero | od -tx1
