printf "hello world\n" | hexdump -C
