inner() { return $1; }
outer() { inner $1; local rc=$?; echo "inner returned $rc"; return $((rc + 1)); }
outer 3; echo "outer returned $?"
