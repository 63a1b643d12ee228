cd dir/sub
pwd | sed "s|.*/work|W|"
cd ..
pwd | sed "s|.*/work|W|"
cd - >/dev/null; pwd | sed "s|.*/work|W|"
