printf "a.b\naxb\n" > f.txt; grep -F "a.b" f.txt; fgrep -c . f.txt
