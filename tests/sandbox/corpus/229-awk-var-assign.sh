awk -v x=10 'BEGIN {print x * 2}'
