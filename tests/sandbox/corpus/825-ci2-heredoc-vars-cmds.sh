name=sandbox
cat <<EOF
name=$name
upper=$(echo $name | tr a-z A-Z)
count=$(wc -l < lines.txt)
math=$((6 * 7))
EOF
