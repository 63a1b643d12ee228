(exit 42); echo $?
sh -c "exit 7"; echo $?
