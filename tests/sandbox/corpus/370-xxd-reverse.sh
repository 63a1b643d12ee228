printf "68656c6c6f0a" | xxd -r -p
