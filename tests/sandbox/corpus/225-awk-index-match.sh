awk '{print index($0, "ta")}' lines.txt
echo 'foo123bar' | awk '{match($0, /[0-9]+/); print RSTART, RLENGTH}'
