ls -r
