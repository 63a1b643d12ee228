sleep 5 & p=$!
kill -9 $p; wait $p; echo status=$?
