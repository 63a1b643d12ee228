seq 1 100 > big.txt
sed -n '45,55p' big.txt | head -3
tail -n +45 big.txt | head -n 11 | tail -3
