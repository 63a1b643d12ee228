echo "k=v" | { IFS="=" read key val; echo "$key -> $val"; }
