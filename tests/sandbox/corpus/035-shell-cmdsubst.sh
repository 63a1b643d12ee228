n=$(wc -l < lines.txt); echo "lines: $n"
echo "upper: $(echo abc | tr a-z A-Z)"
echo `echo backticks`
