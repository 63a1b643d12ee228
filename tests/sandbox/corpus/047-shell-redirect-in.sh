tr a-z A-Z < lines.txt | head -2
