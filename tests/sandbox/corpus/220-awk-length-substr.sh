awk '{print length($0), substr($0, 2, 3)}' lines.txt
