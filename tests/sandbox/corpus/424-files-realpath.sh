realpath dir/sub/../a.txt | sed "s|.*/work|W|"
realpath nosuch; echo $?
