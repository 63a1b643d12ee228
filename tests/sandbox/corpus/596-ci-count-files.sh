echo "txt: $(find . -name '*.txt' | wc -l)"
echo "dirs: $(find . -type d | wc -l)"
