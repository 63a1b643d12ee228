grep -iF THE words.txt
