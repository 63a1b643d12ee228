awk 'BEGIN { printf "%5s|%-5s|%05d|%x|%o|%e|%c\n", "ab", "cd", 42, 255, 8, 1234.5, 66 }'
