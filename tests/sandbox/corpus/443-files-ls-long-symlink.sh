ln -s lines.txt lk; ls -l lk | awk "{print \$1, \$(NF-2), \$(NF-1), \$NF}"
