ls -n lines.txt | awk "{print \$3, \$4}"
