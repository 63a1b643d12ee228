mkdir -p e/f
rmdir e/f e
ls e 2>&1; echo $?
