touch a.tmp b.tmp c.keep
rm -f *.tmp
ls *.tmp 2>/dev/null || echo "tmp cleaned"
ls *.keep
