ln lines.txt hard
stat -c %h lines.txt
echo more >> hard
tail -1 lines.txt
