env - X=1 env
