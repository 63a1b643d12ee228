expr 1 / 0; echo $?
expr a + 1; echo $?
expr; echo $?
