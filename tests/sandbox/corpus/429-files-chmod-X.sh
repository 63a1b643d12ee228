chmod -R a-x,a+X dir; stat -c "%A %n" dir dir/a.txt
