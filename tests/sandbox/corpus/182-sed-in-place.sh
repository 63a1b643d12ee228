cp lines.txt copy.txt
sed -i "s/alpha/ALPHA/" copy.txt
head -2 copy.txt
