cat > build.sh <<'SCRIPT'
set -e
out=build
mkdir -p $out
for f in lines nums; do
  sort $f.txt > $out/$f.sorted
done
ls $out
SCRIPT
sh build.sh
wc -l build/*
