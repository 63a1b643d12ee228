printf "hi\tthere\n" | od -c
