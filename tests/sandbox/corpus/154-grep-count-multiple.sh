grep -c e lines.txt words.txt
