touch -d "2001-01-01" old; touch -d "2011-01-01" mid; touch -d "2021-01-01" new; ls -t old mid new; ls -tr old mid new
