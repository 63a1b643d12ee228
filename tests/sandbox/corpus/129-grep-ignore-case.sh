grep -i the words.txt
