tail -n +6 lines.txt
