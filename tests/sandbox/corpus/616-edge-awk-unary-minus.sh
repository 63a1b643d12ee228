awk 'BEGIN { x = 3; print -x, - -x, !x, !0 }'
