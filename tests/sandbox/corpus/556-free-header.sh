free | head -1 | awk "{print \$1, \$2}"
