printf 12345 > big; printf 1 > small
ls -S big small
