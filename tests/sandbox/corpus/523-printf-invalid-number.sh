printf "%d\n" xyz; echo status=$?
