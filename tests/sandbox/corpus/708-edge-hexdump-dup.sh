head -c 48 /dev/zero | hexdump -C
