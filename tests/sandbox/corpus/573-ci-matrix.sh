for os in linux darwin; do
  for arch in amd64 arm64; do
    name="app-$os-$arch"
    echo "$name" >> matrix.txt
  done
done
sort -r matrix.txt
wc -l < matrix.txt
