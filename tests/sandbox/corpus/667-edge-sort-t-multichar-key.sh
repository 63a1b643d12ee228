sort -t: -k2 -k1r <<EOF
b:1
a:1
c:0
EOF
