printf "abcdefghij" | xxd -c 4 -g 1
