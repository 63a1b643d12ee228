grep -n ERROR log.txt
