echo keep > k.txt
cp -n lines.txt k.txt
cat k.txt
