printf "%-10s %5s\n" NAME AGE
tail -n +2 data.csv | while IFS=, read n a c; do printf "%-10s %5d\n" "$n" "$a"; done
printf "%s\n" "----------------"
