tr -s " " "\n" < words.txt | tr A-Z a-z | sort | uniq -c | sort -k1,1nr -k2 | head -3
