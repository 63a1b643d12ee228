grep "b.*a" lines.txt
