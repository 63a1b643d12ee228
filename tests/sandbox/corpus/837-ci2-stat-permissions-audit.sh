chmod 777 nums.txt; chmod 600 lines.txt
for f in nums.txt lines.txt words.txt; do
  p=$(stat -c %a "$f")
  [ "$p" = 777 ] && echo "WARN world-writable: $f" || echo "ok $f $p"
done
