awk '/alpha/ { print "A" } /eta/ { print "E" }' lines.txt
