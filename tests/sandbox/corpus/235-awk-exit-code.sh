awk 'BEGIN {exit 3}'; echo $?
