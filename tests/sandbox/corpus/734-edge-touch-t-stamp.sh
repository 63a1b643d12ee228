touch -t 202001020304.05 t.txt; stat -c %Y t.txt
