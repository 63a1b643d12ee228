sed -n "/eta/{s//ETA/;p}" lines.txt
