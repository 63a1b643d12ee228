printf "%s=%d\n" a 1 b 2
printf "%-5s|%5s|\n" l r
printf "%05.1f\n" 3.14159
