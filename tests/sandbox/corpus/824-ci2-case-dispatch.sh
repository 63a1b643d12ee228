run() {
  case "$1" in
    build) echo "building";;
    test|check) echo "testing";;
    *) echo "unknown: $1" >&2; return 2;;
  esac
}
run build; run check; run deploy; echo status=$?
