cp dir nocopy; echo status=$?
