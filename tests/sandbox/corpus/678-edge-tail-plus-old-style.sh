tail +7 lines.txt
