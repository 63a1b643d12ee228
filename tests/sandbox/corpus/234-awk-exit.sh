awk 'NR==3 {exit} {print}' lines.txt
