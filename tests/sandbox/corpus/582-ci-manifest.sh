find dir -type f | sort | while read f; do
  printf "%s %s\n" "$(sha256sum "$f" | cut -c1-12)" "$f"
done > MANIFEST
cat MANIFEST
wc -l < MANIFEST
