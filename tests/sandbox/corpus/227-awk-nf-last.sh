awk '{print $NF}' words.txt
