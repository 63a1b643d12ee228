printf "%d\n" 9223372036854775807
printf "%u\n" -1
