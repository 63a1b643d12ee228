grep -o "[0-9]\{4\}-[0-9]*" log.txt | head -3
