ls -l lines.txt | awk "{print \$1, \$2, \$3, \$4, \$5, \$NF}"
