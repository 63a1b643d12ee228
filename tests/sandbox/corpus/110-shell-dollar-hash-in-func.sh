f() { echo "$# args, first=${1:-none}"; }
f
f a b
