[ 1 -eq ]; echo $?
[ a -lt b ] 2>/dev/null; echo $?
