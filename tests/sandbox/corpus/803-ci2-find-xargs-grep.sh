find . -name "*.txt" -type f | sort | xargs grep -l "a" | sed "s|^\./||"
