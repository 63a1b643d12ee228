awk '/a/ {next} {print}' lines.txt
