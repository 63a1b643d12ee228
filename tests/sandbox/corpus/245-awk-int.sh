awk 'BEGIN { print int(3.9), int(-3.9), 7 % 3 }'
