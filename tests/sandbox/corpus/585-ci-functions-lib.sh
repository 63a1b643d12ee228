log() { echo "[$1] $2"; }
die() { log ERROR "$1"; exit ${2:-1}; }
log INFO starting
[ -f lines.txt ] || die "missing lines"
log INFO "found $(wc -l < lines.txt) lines"
die "stopping" 3
