printf "hello world" | base64
base64 lines.txt
