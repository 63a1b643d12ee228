set -- a b c
echo $# $1 $3 "$*"
shift
echo $# $1
set --
echo $#
