ls nosuch; echo status=$?
