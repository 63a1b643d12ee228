trap "" INT
echo ignoring
trap - INT
echo restored
