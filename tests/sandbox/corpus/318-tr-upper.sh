tr a-z A-Z < lines.txt
