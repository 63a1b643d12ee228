cat words.txt lines.txt | tr -cs "a-zA-Z" "\n" | tr A-Z a-z | grep -v "^$" | sort | uniq -c | sort -k1,1nr -k2 | head -3
