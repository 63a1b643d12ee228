sed 3q lines.txt
sed -n "/gamma/{p;q}" lines.txt
