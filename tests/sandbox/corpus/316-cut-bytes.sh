cut -b2-4 words.txt
