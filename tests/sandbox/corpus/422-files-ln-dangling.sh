ln -s nowhere dangling
[ -e dangling ] || echo dangling
[ -L dangling ] && echo but-link
