sleep 0.1 & pid=$!
wait $pid; echo waited $?
