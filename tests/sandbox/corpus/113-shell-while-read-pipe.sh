grep ERROR log.txt | while read d lvl msg; do echo "$d: $msg"; done
