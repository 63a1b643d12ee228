cat > out.txt <<EOF
first
second
EOF
wc -l out.txt
cat out.txt
