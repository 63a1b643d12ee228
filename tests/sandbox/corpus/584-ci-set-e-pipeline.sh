set -e
grep alpha lines.txt | wc -l
echo "still here"
false || true
echo end
