env nosuchcmd; echo status=$?
