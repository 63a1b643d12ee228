sleep abc; echo status=$?
