for f in *.nomatch; do echo "[$f]"; done
