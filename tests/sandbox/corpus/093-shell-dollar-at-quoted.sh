f() { for a in "$@"; do echo "[$a]"; done; }
f "a b" c
g() { f "$@"; }
g "x y" z
