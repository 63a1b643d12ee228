echo "Mixed Case Words" | tr "[:upper:]" "[:lower:]" | tr " " "_"
