printf '%0100d' 0 > big.bin
find . -type f -size +50c | sort
