ls -a dir
ls -A dir
