df | head -1 | awk "{print \$1}"
