mkdir -p mybin
printf '#!/bin/sh\necho custom tool\n' > mybin/mytool
chmod +x mybin/mytool
PATH="$PWD/mybin:$PATH" mytool
mytool 2>/dev/null || echo not-on-path
