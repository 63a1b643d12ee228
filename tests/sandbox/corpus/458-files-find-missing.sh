find nosuch; echo status=$?
