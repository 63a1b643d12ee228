ln -s lines.txt l
ln -s nums.txt l; echo status=$?
ln -sf nums.txt l; readlink l
