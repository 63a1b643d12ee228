mkdir -p releases/v1 releases/v2
ln -s releases/v1 current
readlink current
ln -sfn releases/v2 current
readlink current
