echo "color colour" | sed "s/colou\?r/C/g"
