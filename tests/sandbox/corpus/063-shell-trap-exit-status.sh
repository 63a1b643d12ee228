trap "echo trapped \$?" EXIT
false
exit 5
