head -5 lines.txt > a.txt; tail -5 lines.txt > b.txt
diff a.txt b.txt | tail -n +3
