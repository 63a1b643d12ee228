awk 'BEGIN { while (("echo one; echo two" | getline line) > 0) print "got", line }'
