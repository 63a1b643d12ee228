touch -c ghost.txt; ls ghost.txt 2>&1
