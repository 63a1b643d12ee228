chmod u+x,g-r lines.txt; stat -c "%a %A" lines.txt
chmod a=r nums.txt; stat -c %A nums.txt
