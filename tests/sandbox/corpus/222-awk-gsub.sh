awk '{gsub(/a/, "4"); print}' lines.txt
