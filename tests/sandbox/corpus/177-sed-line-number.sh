sed -n "/eta/=" lines.txt
