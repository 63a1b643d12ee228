! false; echo $?
! true; echo $?
