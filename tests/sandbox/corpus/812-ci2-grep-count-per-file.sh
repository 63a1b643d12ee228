for f in lines.txt words.txt log.txt; do echo "$f: $(grep -c e "$f")"; done
