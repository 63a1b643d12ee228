printf "*x\nx\n" | grep "*x"
