install -m 644 lines.txt installed.txt
stat -c %a installed.txt
install -d -m 750 newdir/sub
stat -c %a newdir/sub
