ls nosuchfile 2> err.txt; echo status=$?
cat err.txt
