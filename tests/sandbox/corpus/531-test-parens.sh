[ \( 1 -eq 1 \) -a \( 2 -eq 3 \) ]; echo $?
[ ! \( 1 -eq 2 \) ]; echo $?
