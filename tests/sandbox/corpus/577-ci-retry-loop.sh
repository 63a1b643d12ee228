n=0
until [ $n -ge 3 ]; do
  n=$((n+1))
  echo "attempt $n"
  [ $n -eq 2 ] && { echo succeeded; break; }
done
