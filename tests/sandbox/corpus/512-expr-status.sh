expr 0; echo $?
expr 1 - 1; echo $?
expr 2; echo $?
