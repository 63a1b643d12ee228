which -a sh | head -1 | sed "s|.*/||"
