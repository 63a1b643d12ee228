tar cvf a.tar dir/sub > list.txt 2>&1; sort list.txt
