sync; echo $?
