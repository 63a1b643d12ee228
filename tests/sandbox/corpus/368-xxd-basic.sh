printf "hello\n" | xxd
