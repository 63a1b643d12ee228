seq 1 5 | awk '{ printf "%s%s", (NR > 1 ? "," : ""), $1 } END { print "" }' 
