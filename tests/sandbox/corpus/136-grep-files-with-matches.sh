grep -l a lines.txt words.txt empty.txt
grep -L a lines.txt empty.txt
