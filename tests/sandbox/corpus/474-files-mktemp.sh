f=$(TMPDIR=$PWD mktemp)
[ -f "$f" ] && echo created
stat -c %a "$f"
rm "$f"
d=$(mktemp -d -p .)
[ -d "$d" ] && echo dir && rmdir "$d"
