tmp=scratch
mkdir $tmp
trap 'rm -rf "$tmp"; echo cleaned' EXIT
echo data > $tmp/file
ls $tmp
