find . -name sub -prune -o -type f -print | sort
