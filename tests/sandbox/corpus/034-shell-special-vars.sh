true; echo $?
false; echo $?
echo $0 | grep -c script.sh
