awk '{sub(/e/, "E"); print}' lines.txt
