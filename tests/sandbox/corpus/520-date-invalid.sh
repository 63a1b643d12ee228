date -d "not a date"; echo status=$?
