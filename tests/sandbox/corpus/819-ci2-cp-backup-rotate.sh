for i in 3 2 1; do [ -f log.$i ] && mv log.$i log.$((i+1)); done
cp log.txt log.1
cp log.txt log.1 2>/dev/null
for i in 3 2 1; do [ -f log.$i ] && mv log.$i log.$((i+1)); done
cp log.txt log.1
ls log.*
