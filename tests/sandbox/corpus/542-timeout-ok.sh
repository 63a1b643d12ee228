timeout 5 echo quick; echo $?
