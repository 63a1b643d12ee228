which ls cat | sed "s|.*/||"
