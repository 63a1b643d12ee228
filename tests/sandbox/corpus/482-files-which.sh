which sh >/dev/null && echo found
which nosuchcmd; echo $?
