n=0; n=$((n+1)); n=$((n+1)); echo $n; : $((n+=5)); echo $n
