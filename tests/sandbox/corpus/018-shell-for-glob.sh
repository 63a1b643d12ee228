for f in dir/*.txt dir/*.log; do echo "$f"; done
