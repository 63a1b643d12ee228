awk 'BEGIN { a["x"] = 1; if ("x" in a) print "yes"; if (!("y" in a)) print "no" }'
