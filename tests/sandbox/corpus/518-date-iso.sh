date -u -I -d @1000000000
date -u -Iseconds -d @1000000000
date -u -R -d @1000000000
