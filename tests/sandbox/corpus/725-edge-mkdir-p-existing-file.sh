mkdir -p lines.txt/x; echo status=$?
