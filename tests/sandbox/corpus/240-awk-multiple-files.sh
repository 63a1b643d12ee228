awk '{print FILENAME ": " FNR}' nums.txt empty.txt lines.txt | tail -3
