id -gn; id -Gn | wc -w | tr -d " " | grep -c .
