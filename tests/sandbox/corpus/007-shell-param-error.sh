(echo ${missing?is not set}) 2>/dev/null; echo status=$?
