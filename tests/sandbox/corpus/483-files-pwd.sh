pwd | sed "s|.*/work|W|"
cd dir; pwd | sed "s|.*/work|W|"
