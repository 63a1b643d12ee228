find . -type f -size +0 | sort | head -5
find . -empty | sort
