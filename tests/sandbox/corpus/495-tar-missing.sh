tar xf nosuch.tar; echo status=$?
