set -e
trap 'echo "failed at step $step"' EXIT
step=1; true
step=2; false
step=3
