:
echo $?
: > truncated.txt
wc -c < truncated.txt
