for f in dir/*.txt dir/sub/*.txt; do
  name=$(basename "$f" .txt)
  dirn=$(dirname "$f")
  echo "$dirn -> $name"
done
