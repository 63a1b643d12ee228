sleep 0; echo slept
sleep 0.01; echo again
