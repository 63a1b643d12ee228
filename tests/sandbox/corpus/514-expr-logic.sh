expr 0 \| 5
expr 3 \& 0
expr "" \| fallback
