mkdir box
mv lines.txt nums.txt box/
ls box
