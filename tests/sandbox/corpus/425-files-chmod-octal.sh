chmod 600 lines.txt; stat -c %a lines.txt
chmod 755 dir; stat -c %a dir
