find . -path "*sub*" | sort
