find dir -type f -print0 | xargs -0 wc -c | sort | tail -1
