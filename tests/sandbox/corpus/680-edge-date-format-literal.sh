date -u -d @0 "+Year: %Y%%"
