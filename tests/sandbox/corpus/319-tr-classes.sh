tr "[:lower:]" "[:upper:]" < words.txt
