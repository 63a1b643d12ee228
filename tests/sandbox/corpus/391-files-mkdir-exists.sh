mkdir dir; echo status=$?
mkdir -p dir; echo status=$?
