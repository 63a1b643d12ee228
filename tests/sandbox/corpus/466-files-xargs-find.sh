find dir -name "*.txt" | sort | xargs cat
