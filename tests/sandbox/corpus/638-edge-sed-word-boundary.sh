echo "the other then" | sed "s/\<the\>/THE/g"
