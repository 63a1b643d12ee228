md5sum lines.txt nums.txt > sums.md5
md5sum -c sums.md5
echo x >> nums.txt
md5sum -c sums.md5; echo status=$?
