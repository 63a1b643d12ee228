set -e
mkdir -p pkg/usr/share/doc
cp lines.txt words.txt pkg/usr/share/doc/
chmod 644 pkg/usr/share/doc/*
tar czf pkg.tar.gz -C pkg usr
tar tzf pkg.tar.gz
rm -rf pkg
mkdir verify && tar xzf pkg.tar.gz -C verify
cmp lines.txt verify/usr/share/doc/lines.txt && echo verified
