for d in 0 86400 172800 259200; do date -u -d @$d +%A; done
