printf "abcd" | hexdump
