i=5; j=$((i*i)); echo $j; i=$((i+1)); echo $i
: $((k=3)); echo $k
