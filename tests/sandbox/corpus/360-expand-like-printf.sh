printf "%-10s%s\n" name value other 1
