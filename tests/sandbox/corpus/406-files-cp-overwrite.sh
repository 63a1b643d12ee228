echo old > t.txt
cp lines.txt t.txt
head -1 t.txt
