chmod 999 lines.txt; echo status=$?
chmod u+x nosuch; echo status=$?
