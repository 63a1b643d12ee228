printf '10\n9\n' | awk 'NR == 1 { a = $1 } NR == 2 { print (a > $1) }'
