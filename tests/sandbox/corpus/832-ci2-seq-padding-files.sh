for i in $(seq -w 1 3); do touch "file_$i.txt"; done
ls file_*
