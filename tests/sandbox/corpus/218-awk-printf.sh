awk -F, 'NR>1 {printf "%-6s|%3d\n", $1, $2}' data.csv
