seq 1 6 | xargs -n 2 sh -c 'echo "$0 $1"' 
