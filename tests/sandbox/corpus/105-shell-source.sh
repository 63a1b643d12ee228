echo "SOURCED=yes" > lib.sh
. ./lib.sh
echo $SOURCED
