find dir -name "*.md" -exec grep -q zzz {} \; -print; echo done
