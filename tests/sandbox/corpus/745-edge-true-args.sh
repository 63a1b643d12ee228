true --help; echo $?; false --help; echo $?
