usleep 1000; echo ok
