printf "%s-%s\n" a b c d
printf "%d%%\n" 50
printf "%x %o %X\n" 255 8 3054
