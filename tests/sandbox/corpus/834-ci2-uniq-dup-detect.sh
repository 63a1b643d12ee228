dups=$(sort dup.txt | uniq -d | tr "\n" " ")
echo "duplicates: $dups"
