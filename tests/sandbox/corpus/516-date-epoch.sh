date -d @0
date -u -d @86400 "+%Y-%m-%d %H:%M:%S"
