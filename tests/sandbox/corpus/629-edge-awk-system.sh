awk 'BEGIN { r = system("exit 3"); print "ret", r }'
