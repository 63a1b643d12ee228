sha1sum lines.txt
echo -n "" | sha1sum
