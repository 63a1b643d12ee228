printf '#!/bin/sh\necho "args: $*"\nexit 3\n' > run.sh
chmod 755 run.sh
./run.sh a b; echo status=$?
