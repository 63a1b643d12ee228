set -x
echo traced
set +x
echo quiet
