awk 'BEGIN {
  a = 1
  if (a)
    print "yes"
  else
    print "no"
}'
