[ 10 -gt 9 ] && echo gt
[ 3 -le 3 ] && echo le
[ -5 -lt 0 ] && echo neg
