timeout -s KILL 5 echo fine; echo $?
