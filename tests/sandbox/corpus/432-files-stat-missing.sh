stat nosuch; echo status=$?
