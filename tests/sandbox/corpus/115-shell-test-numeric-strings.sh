[ 010 -eq 10 ] && echo equal-decimal
[ "  5" -eq 5 ] 2>/dev/null && echo spaces-ok
