pass=0; fail=0
for t in alpha beta omega gamma; do
  if grep -qx "$t" lines.txt; then pass=$((pass+1)); echo "PASS $t"; else fail=$((fail+1)); echo "FAIL $t"; fi
done
echo "passed=$pass failed=$fail"
[ $fail -eq 0 ] || exit 1
