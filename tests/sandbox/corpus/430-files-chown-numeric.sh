chown 0:0 lines.txt; stat -c "%u:%g" lines.txt
