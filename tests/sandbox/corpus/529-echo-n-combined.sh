echo -n a; echo -n b; echo c
echo -ne "x\n"
