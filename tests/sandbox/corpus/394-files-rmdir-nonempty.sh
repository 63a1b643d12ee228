rmdir dir; echo status=$?
