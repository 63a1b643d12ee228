echo "the quick brown fox jumps" | fold -s -w 10
