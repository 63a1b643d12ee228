grep -h a lines.txt words.txt | head -4
grep -H end words.txt
