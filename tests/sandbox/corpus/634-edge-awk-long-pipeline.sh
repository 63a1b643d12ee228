awk -F, 'NR>1' data.csv | sort -t, -k2n | awk -F, '{print NR": "$1}'
