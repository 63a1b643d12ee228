s="hello-world-foo"
while [ -n "$s" ]; do
  part=${s%%-*}
  echo "$part"
  [ "$part" = "$s" ] && break
  s=${s#*-}
done
