find dir -type f ! -name "*.txt" | sort
find dir \( -name "*.md" -o -name "*.log" \) | sort
