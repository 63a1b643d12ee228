sha256sum lines.txt words.txt
