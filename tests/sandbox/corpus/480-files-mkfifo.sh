mkfifo pipe
[ -p pipe ] && echo fifo
stat -c %F pipe
