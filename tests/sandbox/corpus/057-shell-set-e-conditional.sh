set -e
if false; then echo no; fi
false || echo recovered
echo end
