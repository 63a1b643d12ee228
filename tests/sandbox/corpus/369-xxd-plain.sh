printf "hello" | xxd -p
