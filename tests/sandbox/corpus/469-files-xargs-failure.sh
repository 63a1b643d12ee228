echo a | xargs false; echo $?
echo a | xargs sh -c "exit 255"; echo $?
