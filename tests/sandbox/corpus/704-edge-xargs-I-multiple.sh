printf "1\n2\n" | xargs -I % sh -c "echo %-%"
