echo "the quick brown fox jumps" | fold -w 10
