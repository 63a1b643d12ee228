nosuchcmd_xyz
echo status=$?
