cat dup.txt lines.txt | sort | uniq | wc -l
sort dup.txt lines.txt | uniq -d
