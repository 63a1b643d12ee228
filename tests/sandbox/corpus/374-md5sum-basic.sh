md5sum lines.txt nums.txt
echo -n abc | md5sum
