/bin/true 2>/dev/null || true; echo $?
false; echo $?
