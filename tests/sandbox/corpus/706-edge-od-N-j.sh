od -c -N 5 -j 2 lines.txt
