test 5 -gt 3 && echo gt
test -d dir && echo isdir
test; echo $?
test "" ; echo $?
