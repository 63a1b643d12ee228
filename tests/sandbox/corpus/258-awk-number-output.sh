awk 'BEGIN { print 1/3, 100000 * 10, 0.1 + 0.2, 3.0 }'
