printf "a\nb" > x.txt; printf "a\nc" > y.txt; diff x.txt y.txt | tail -n +3
