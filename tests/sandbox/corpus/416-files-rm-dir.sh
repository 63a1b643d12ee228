rm dir; echo status=$?
rm -r dir; ls -d dir 2>&1
