timeout 5 sh -c "exit 4"; echo $?
