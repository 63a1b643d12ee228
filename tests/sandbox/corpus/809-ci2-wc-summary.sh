total=0
for f in *.txt; do n=$(wc -l < "$f"); total=$((total + n)); done
echo "total lines: $total"
