check() { "$@" >/dev/null 2>&1 && echo "ok: $*" || echo "fail($?): $*"; }
check true
check false
check grep -q alpha lines.txt
check ls nosuch
check sh -c "exit 42"
