awk 'BEGIN { print ("10" < "9"), (10 < 9) }'
