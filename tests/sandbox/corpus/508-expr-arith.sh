expr 3 + 4
expr 10 - 3 \* 2
expr 17 / 5
expr 17 % 5
