f=$(mktemp ./tmp.XXXXXX); [ -f "$f" ] && echo ok; rm -f "$f"
