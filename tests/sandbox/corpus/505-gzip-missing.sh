gzip nosuch; echo status=$?
