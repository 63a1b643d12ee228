tr -d aeiou < lines.txt
