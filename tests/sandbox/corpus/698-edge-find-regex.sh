find . -regex ".*/[a-c]\.txt" | sort
