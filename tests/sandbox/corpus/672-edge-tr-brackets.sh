echo "[x]" | tr -d "[]"
