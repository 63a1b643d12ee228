mkdir target
cp lines.txt nums.txt target
ls target
