(exit 4)
echo "sub: $?"
echo after
