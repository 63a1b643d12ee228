printf "a\r\nb\r\n" > crlf.txt
tr -d "\r" < crlf.txt > lf.txt
od -c lf.txt | head -1
wc -c crlf.txt lf.txt
