cat nums.txt nosuch.txt lines.txt | wc -l; echo status=$?
