type echo | head -1 | grep -c builtin
