trap "echo no" EXIT
trap - EXIT
echo done
